using Chitin.Core.Processes;

namespace Chitin.Security.Redaction;

/// <summary>Environment variable names that by convention hold credentials; see <see cref="SecretVariables"/>.</summary>
public static class SecretVariableNames
{
    public static bool LooksSecret(string name) => SecretVariables.LooksSecret(name);
}
