namespace Chitin.Hosting.Gateway;

/// <summary>The "gateway" config section: where <c>chitin gateway</c> listens and who may talk to it.</summary>
/// <param name="Port">The TCP port (flag --port wins).</param>
/// <param name="BindAddress">The address to listen on (flag --bind wins); loopback by default.</param>
/// <param name="Auth">"token" (bearer token from $CHITIN_HOME/gateway/token) or "none" (loopback binds only).</param>
/// <param name="Workspace">The gateway's workspace; null means the folder it starts in.</param>
/// <param name="AllowedOrigins">Browser origins (scheme://host[:port]) allowed to call the gateway; others are rejected.</param>
/// <param name="MaxFailedAuth">Failed authentications per remote address per minute before answers become 429.</param>
/// <param name="ShutdownGraceSeconds">How long a graceful shutdown lets running turns finish before cancelling them.</param>
public sealed record GatewaySettings(int Port, string BindAddress, string Auth, string? Workspace, IReadOnlyList<string> AllowedOrigins, int MaxFailedAuth, int ShutdownGraceSeconds)
    : IFeatureOptions<GatewaySettings>
{
    public const int DefaultPort = 7420;

    public const string TokenAuth = "token";

    public const string NoAuth = "none";

    public static GatewaySettings Default { get; } = new(DefaultPort, "127.0.0.1", TokenAuth, null, [], 10, 30);

    public static string Section => "gateway";

    public static IReadOnlyList<string> Keys { get; } = ["port", "bind", "auth", "workspace", "allowedOrigins", "maxFailedAuth", "shutdownGraceSeconds"];

    public bool RequiresToken => !string.Equals(Auth, NoAuth, StringComparison.Ordinal);

    public static string? Check(string key, OptionValue value) => key switch
    {
        "port" => value.TryInteger(out var v) && v is >= 0 and <= 65_535 ? null : "must be a TCP port from 1 to 65535 (0 picks a free one)",
        "bind" => value.Kind == JsonValueKind.String && IPAddress.TryParse(value.Text, out _) ? null : "must be an IP address such as \"127.0.0.1\" (loopback) or \"0.0.0.0\" (all interfaces)",
        "auth" => value.Kind == JsonValueKind.String && value.Text is TokenAuth or NoAuth ? null : "must be \"token\" (the default) or \"none\" (only allowed on a loopback bind)",
        "workspace" => value.IsNonEmptyString ? null : "must be a folder path",
        "allowedOrigins" => value.Kind == JsonValueKind.Array ? null : "must be an array of origins such as [\"http://localhost:5173\"]",
        "maxFailedAuth" => value.TryInteger(out var v) && v is >= 1 and <= 10_000 ? null : "must be a whole number of failed attempts per minute from 1 to 10000",
        "shutdownGraceSeconds" => value.TryInteger(out var v) && v is >= 0 and <= 3_600 ? null : "must be a whole number of seconds from 0 to 3600",
        _ => null,
    };

    /// <summary>What one entry of allowedOrigins must be, or null when it is fine.</summary>
    public static string? CheckOrigin(OptionValue value) =>
        value.Kind == JsonValueKind.String && NormalizeOrigin(value.Text) is not null
            ? null
            : "must be an origin: scheme://host[:port] with no path, such as \"http://localhost:5173\"";

    /// <summary>"scheme://host[:port]" in lower case without a default port, or null when the text is no origin.</summary>
    public static string? NormalizeOrigin(string? text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || text!.TrimEnd('/').Length < uri.GetLeftPart(UriPartial.Authority).Length)
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    public static GatewaySettings Bind(OptionReader read)
    {
        var d = Default;
        var origins = new List<string>();
        for (var i = 0; read[string.Create(CultureInfo.InvariantCulture, $"allowedOrigins:{i}")] is { } origin; i++)
        {
            if (NormalizeOrigin(origin) is { } normalized)
            {
                origins.Add(normalized);
            }
        }

        return d with
        {
            Port = read.Int32("port", d.Port),
            BindAddress = read.Text("bind")?.Trim() ?? d.BindAddress,
            Auth = read.Text("auth")?.Trim() ?? d.Auth,
            Workspace = read.Text("workspace"),
            AllowedOrigins = origins,
            MaxFailedAuth = read.Int32("maxFailedAuth", d.MaxFailedAuth),
            ShutdownGraceSeconds = read.Int32("shutdownGraceSeconds", d.ShutdownGraceSeconds),
        };
    }
}
