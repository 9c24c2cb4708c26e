namespace Chitin.Core.Processes;

/// <summary>
/// Environment variable names that by convention hold credentials: a '_'-separated word such as KEY, TOKEN,
/// SECRET, PASSWORD or CREDENTIALS (OPENAI_API_KEY, GH_TOKEN, AWS_SECRET_ACCESS_KEY), or a name that ends in
/// KEY or TOKEN or contains PASSWORD, PASSWD, SECRET, CREDENTIAL or APIKEY (MYAPIKEY, GITHUBTOKEN).
/// KEYBOARD or TOKENIZERS_PARALLELISM do not match.
/// </summary>
public static class SecretVariables
{
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "KEY", "KEYS", "APIKEY", "TOKEN", "TOKENS", "SECRET", "SECRETS", "PASSWORD", "PASSWD", "PASSPHRASE", "PASS", "PWD",
        "CREDENTIAL", "CREDENTIALS", "CREDS", "COOKIE", "PAT",
    };

    private static readonly string[] SecretFragments = ["PASSWORD", "PASSWD", "SECRET", "CREDENTIAL", "APIKEY"];

    public static bool LooksSecret(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == "PWD" || name == "OLDPWD")
        {
            return false; // the shell's working directory, not a password
        }

        var upper = name.ToUpperInvariant();
        if (upper.EndsWith("KEY", StringComparison.Ordinal) || upper.EndsWith("TOKEN", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var fragment in SecretFragments)
        {
            if (upper.Contains(fragment, StringComparison.Ordinal))
            {
                return true;
            }
        }

        foreach (var word in upper.Split('_', '-', '.'))
        {
            if (SecretWords.Contains(word))
            {
                return true;
            }
        }

        return false;
    }
}
