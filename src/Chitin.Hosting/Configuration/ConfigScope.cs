namespace Chitin.Hosting.Configuration;

public enum ConfigScope
{
    /// <summary>$CHITIN_HOME/config.json: personal settings, may hold secrets.</summary>
    User,

    /// <summary>./.chitin/config.json: shared with the repository, must not hold secrets.</summary>
    Project,
}
