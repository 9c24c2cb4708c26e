namespace Chitin.Security.Redaction;

/// <summary>
/// Replaces credentials with <c>[REDACTED:&lt;kind&gt;]</c>: first exact values (configured secrets and the values
/// of secret-looking environment variables), then well-known token formats (OpenAI, Anthropic, AWS, GitHub,
/// GitLab, Slack, Google, Stripe, JWTs, private key blocks, bearer headers, passwords in URLs), then generic
/// assignments such as <c>password: ...</c> or <c>API_KEY=...</c> (the key name is kept). Every pattern is
/// anchored on a literal and bounded, so matching stays linear on large outputs.
/// </summary>
public sealed partial class SecretRedactor : ISecretRedactor
{
    /// <summary>Environment values shorter than this are not treated as secrets (they would hide ordinary words).</summary>
    public const int MinimumEnvironmentSecretLength = 8;

    /// <summary>Configured exact secrets must be at least this long.</summary>
    public const int MinimumExactSecretLength = 6;

    /// <summary>Distinctive formats first, so a key inside a header or an assignment is named for what it is.</summary>
    private static readonly SecretPattern[] Patterns =
    [
        new(PrivateKeyBlock(), "private-key"),
        new(AnthropicKey(), "anthropic-key"),
        new(OpenAiKey(), "openai-key", SecretCheck.LooksRandom),
        new(StripeKey(), "stripe-key"),
        new(AwsAccessKeyId(), "aws-access-key-id"),
        new(GitHubToken(), "github-token"),
        new(GitLabToken(), "gitlab-token"),
        new(SlackToken(), "slack-token"),
        new(GoogleApiKey(), "google-api-key"),
        new(JsonWebToken(), "jwt"),
        new(AwsSecretKey(), "aws-secret-key"),
        new(AuthorizationHeader(), "bearer-token"),
        new(UrlPassword(), "url-password"),
        new(PasswordAssignment(), "password", SecretCheck.NotPlaceholder),
        new(TokenAssignment(), "token", SecretCheck.NotPlaceholder),
        new(ApiKeyAssignment(), "api-key", SecretCheck.NotPlaceholder),
        new(SecretAssignment(), "secret", SecretCheck.NotPlaceholder),
    ];

    private readonly ExactSecret[] _exact;
    private readonly SearchValues<string>? _exactSearch;

    /// <param name="exactSecrets">Values to redact wherever they appear, e.g. from <see cref="ExactSecretsFrom"/> and the config's secret list.</param>
    /// <exception cref="ArgumentException">A configured value is shorter than <see cref="MinimumExactSecretLength"/>.</exception>
    public SecretRedactor(IEnumerable<ExactSecret>? exactSecrets = null)
    {
        var secrets = new Dictionary<string, ExactSecret>(StringComparer.Ordinal);
        foreach (var secret in exactSecrets ?? [])
        {
            if (secret.Value.Length < MinimumExactSecretLength)
            {
                throw new ArgumentException(
                    $"The secret for '{secret.Kind}' is {secret.Value.Length} characters long; values under {MinimumExactSecretLength} cannot be redacted without hiding ordinary text.",
                    nameof(exactSecrets));
            }

            secrets.TryAdd(secret.Value, secret);
        }

        _exact = [.. secrets.Values.OrderByDescending(s => s.Value.Length)];
        _exactSearch = _exact.Length == 0 ? null : SearchValues.Create([.. _exact.Select(s => s.Value)], StringComparison.Ordinal);
    }

    /// <summary>A redactor for this process: the values of its secret-looking environment variables plus <paramref name="configured"/>.</summary>
    public static SecretRedactor ForCurrentProcess(IEnumerable<string>? configured = null) =>
        new([.. ExactSecretsFrom(Environment.GetEnvironmentVariables()), .. (configured ?? []).Select(v => new ExactSecret(v, "configured-secret"))]);

    /// <summary>
    /// The values of variables whose names look secret (*_KEY, *_TOKEN, *_SECRET, *PASSWORD*, ...) and that are at
    /// least <see cref="MinimumEnvironmentSecretLength"/> characters long; the kind names the variable.
    /// </summary>
    public static IReadOnlyList<ExactSecret> ExactSecretsFrom(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var secrets = new List<ExactSecret>();
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string name && entry.Value is string value
                && value.Length >= MinimumEnvironmentSecretLength && SecretVariables.LooksSecret(name))
            {
                secrets.Add(new ExactSecret(value, "env:" + name));
            }
        }

        return secrets;
    }

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = RedactExact(text);
        foreach (var pattern in Patterns)
        {
            result = pattern.Apply(result);
        }

        return result;
    }

    private string RedactExact(string text)
    {
        if (_exactSearch is null)
        {
            return text;
        }

        var span = text.AsSpan();
        var found = span.IndexOfAny(_exactSearch);
        if (found < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        while (found >= 0)
        {
            var at = position + found;
            var secret = SecretAt(span[at..]);
            builder.Append(span[position..at]).Append("[REDACTED:").Append(secret.Kind).Append(']');
            position = at + secret.Value.Length;
            found = span[position..].IndexOfAny(_exactSearch);
        }

        return builder.Append(span[position..]).ToString();
    }

    private ExactSecret SecretAt(ReadOnlySpan<char> text)
    {
        // Longest first, so a secret that contains another is replaced whole.
        foreach (var secret in _exact)
        {
            if (text.StartsWith(secret.Value, StringComparison.Ordinal))
            {
                return secret;
            }
        }

        throw new InvalidOperationException("The search found a secret that no listed value starts with.");
    }

    // Each format is its own regex that starts with a literal, so the engine finds candidates with a vectorised
    // search instead of trying every letter; quantifiers are bounded or end the pattern, so nothing backtracks far.
    [GeneratedRegex(@"-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY-----(?:[\s\S]*?-----END[ A-Z0-9]{0,40}PRIVATE KEY-----|[\s\S]*)", RegexOptions.CultureInvariant)]
    private static partial Regex PrivateKeyBlock();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant)]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-)?(?<check>[A-Za-z0-9_-]{20,})", RegexOptions.CultureInvariant)]
    private static partial Regex OpenAiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[A-Za-z0-9]{16,}", RegexOptions.CultureInvariant)]
    private static partial Regex StripeKey();

    [GeneratedRegex(@"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})", RegexOptions.CultureInvariant)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}", RegexOptions.CultureInvariant)]
    private static partial Regex GitLabToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])xox[abprs]-[A-Za-z0-9-]{10,}", RegexOptions.CultureInvariant)]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", RegexOptions.CultureInvariant)]
    private static partial Regex JsonWebToken();

    [GeneratedRegex(@"aws_secret_access_key[""']?[ \t]*[:=][ \t]*[""']?(?<secret>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AwsSecretKey();

    [GeneratedRegex(@"authorization[""']?[ \t]*[:=][ \t]*[""']?(?:bearer|basic|token)[ \t]+(?<secret>[A-Za-z0-9._~+/=-]{8,})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"://[^\s:/@]{1,256}:(?<secret>[^\s/@]{1,256})(?=@)", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"passw(?:or)?d[""']?[ \t]*[:=][ \t]*[""']?(?<secret>[^\s""'`,;]{8,})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PasswordAssignment();

    [GeneratedRegex(@"token[""']?[ \t]*[:=][ \t]*[""']?(?<secret>[^\s""'`,;]{8,})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TokenAssignment();

    [GeneratedRegex(@"api[_-]?key[""']?[ \t]*[:=][ \t]*[""']?(?<secret>[^\s""'`,;]{8,})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ApiKeyAssignment();

    [GeneratedRegex(@"secret(?:[_-]?(?:access[_-]?)?key)?[""']?[ \t]*[:=][ \t]*[""']?(?<secret>[^\s""'`,;]{8,})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretAssignment();
}
