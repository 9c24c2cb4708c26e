namespace Chitin.Skills.Vetting.Scanning;

/// <summary>Finds URLs in text and classifies their hosts: well-known installers, IP literals, paste sites and exfiltration endpoints.</summary>
internal static partial class Urls
{
    /// <summary>Official installers that are commonly (if unwisely) piped to a shell; host plus optional path prefix.</summary>
    private static readonly (string Host, string PathPrefix)[] KnownInstallers =
    [
        ("sh.rustup.rs", ""), ("static.rust-lang.org", ""), ("astral.sh", ""), ("get.docker.com", ""), ("download.docker.com", ""),
        ("deno.land", ""), ("bun.sh", ""), ("brew.sh", ""), ("raw.githubusercontent.com", "/Homebrew/"), ("nodejs.org", ""),
        ("deb.nodesource.com", ""), ("rpm.nodesource.com", ""), ("get.helm.sh", ""), ("raw.githubusercontent.com", "/helm/helm/"),
        ("dl.k8s.io", ""), ("sdk.cloud.google.com", ""), ("awscli.amazonaws.com", ""), ("aka.ms", ""), ("dot.net", ""),
        ("dotnet.microsoft.com", ""), ("builds.dotnet.microsoft.com", ""), ("install.python-poetry.org", ""), ("get.pnpm.io", ""),
        ("pyenv.run", ""), ("raw.githubusercontent.com", "/nvm-sh/nvm/"), ("cli.github.com", ""), ("packages.microsoft.com", ""),
        ("apt.releases.hashicorp.com", ""), ("releases.hashicorp.com", ""), ("get.k3s.io", ""), ("install.determinate.systems", ""),
        ("nixos.org", ""), ("tailscale.com", "/install.sh"), ("ollama.com", "/install.sh"), ("fly.io", "/install.sh"),
        ("openclaw.ai", "/install"), ("claude.ai", "/install"), ("get.sdkman.io", ""), ("starship.rs", ""), ("mise.run", ""),
        ("mise.jdx.dev", ""), ("sh.vector.dev", ""), ("get.volta.sh", ""), ("fnm.vercel.app", ""), ("install.pulumi.com", ""),
        ("get.acme.sh", ""), ("cli.doppler.com", ""), ("dl.google.com", ""), ("packages.cloud.google.com", ""),
        ("apt.kubernetes.io", ""), ("pkgs.k8s.io", ""), ("downloads.mongodb.com", ""), ("www.postgresql.org", ""),
        ("apt.postgresql.org", ""), ("github.com", "/cli/cli/"), ("github.com", "/kubernetes/"), ("get.jenkins.io", ""),
        ("pkg.jenkins.io", ""), ("repo.anaconda.com", ""), ("micro.mamba.pm", ""), ("uv.astral.sh", ""), ("golang.org", ""),
        ("go.dev", ""), ("dl.yarnpkg.com", ""), ("yarnpkg.com", ""), ("npmjs.org", ""), ("registry.npmjs.org", ""),
        ("pypi.org", ""), ("files.pythonhosted.org", ""), ("bootstrap.pypa.io", ""), ("supabase.com", ""), ("vercel.com", "/install"),
        ("foundry.paradigm.xyz", ""), ("release.anza.xyz", ""), ("release.solana.com", ""), ("rclone.org", "/install.sh"), ("opencode.ai", "/install"),
        ("cli-assets.heroku.com", ""), ("railway.app", "/install.sh"), ("get.rvm.io", ""), ("sh.brew.sh", ""), ("code-server.dev", "/install.sh"),
    ];

    private static readonly string[] ExfiltrationHosts =
    [
        "webhook.site", "requestbin.com", "requestbin.net", "pipedream.net", "pipedream.com", "ngrok.io", "ngrok-free.app", "ngrok.app",
        "trycloudflare.com", "bore.pub", "serveo.net", "localhost.run", "loca.lt", "interact.sh", "oast.fun", "oast.pro", "oast.live",
        "oast.site", "oast.online", "oast.me", "burpcollaborator.net", "oastify.com", "canarytokens.com", "hookbin.com",
        "beeceptor.com", "transfer.sh", "file.io", "0x0.st", "temp.sh", "free.keep.sh", "ptpb.pw", "requestcatcher.com",
        "open.feishu.cn",
    ];

    private static readonly string[] PasteHosts =
    [
        "glot.io", "pastebin.com", "paste.ee", "hastebin.com", "hastebin.skyra.pw", "rentry.co", "rentry.org", "termbin.com", "ix.io",
        "sprunge.us", "dpaste.org", "dpaste.com", "paste.rs", "ghostbin.co", "controlc.com", "justpaste.it", "pastes.io", "pastie.io",
        "paste.mozilla.org", "privatebin.net", "bpa.st", "jsfiddle.net", "codepen.io", "replit.com", "telegra.ph",
    ];

    private static readonly string[] Shorteners = ["bit.ly", "tinyurl.com", "t.co", "is.gd", "goo.gl", "rb.gy", "cutt.ly", "shorturl.at", "tiny.cc", "ow.ly", "buff.ly", "rebrand.ly"];

    private static readonly string[] UserContentHosts =
    [
        "raw.githubusercontent.com", "gist.githubusercontent.com", "gist.github.com", "objects.githubusercontent.com",
        "gitlab.com", "bitbucket.org", "codeberg.org", "pages.dev", "github.io", "vercel.app", "netlify.app", "herokuapp.com",
        "glitch.me", "repl.co", "ipfs.io", "cdn.discordapp.com", "drive.google.com", "dropbox.com", "mega.nz", "mediafire.com",
    ];

    public static List<(string Url, string Host, string Path)> Find(string text)
    {
        var found = new List<(string, string, string)>();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            return found;
        }

        foreach (var match in UrlPattern().EnumerateMatches(text))
        {
            var url = text.Substring(match.Index, match.Length).TrimEnd('.', ',', ';', ':', '*', '_');
            var (host, path) = Split(url);
            if (host.Length > 0)
            {
                found.Add((url, host, path));
            }
        }

        return found;
    }

    private static bool IsKnownInstaller(string host, string path)
    {
        foreach (var (knownHost, prefix) in KnownInstallers)
        {
            if (HostIs(host, knownHost) && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// How much a download location can be trusted to serve what the skill author intended: a well-known vendor
    /// installer; a named HTTPS host the vetter does not know; or a location typical of malware delivery — a bare IP,
    /// plain HTTP, a paste site, a tunnel or request catcher, a URL shortener, or user-uploaded content on a code host.
    /// </summary>
    public static UrlTrust Classify(string url, string host, string path)
    {
        if (IsKnownInstaller(host, path))
        {
            return UrlTrust.KnownInstaller;
        }

        var untrusted = !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || IsIpLiteral(host) || IsPasteSite(host) || IsExfiltrationEndpoint(host, path) || MatchesAny(host, Shorteners)
            || MatchesAny(host, UserContentHosts)
            || (HostIs(host, "github.com") && (path.Contains("/releases/download/", StringComparison.OrdinalIgnoreCase) || path.Contains("/raw/", StringComparison.OrdinalIgnoreCase)));
        return untrusted ? UrlTrust.Untrusted : UrlTrust.UnknownHost;
    }

    public static bool IsExfiltrationEndpoint(string host, string path) =>
        MatchesAny(host, ExfiltrationHosts)
        || ((HostIs(host, "discord.com") || HostIs(host, "discordapp.com")) && path.StartsWith("/api/webhooks", StringComparison.OrdinalIgnoreCase))
        || (HostIs(host, "api.telegram.org") && path.StartsWith("/bot", StringComparison.OrdinalIgnoreCase));

    public static bool IsPasteSite(string host) => MatchesAny(host, PasteHosts) || HostIs(host, "gist.githubusercontent.com");

    /// <summary>A dotted IPv4 address, a bracketed IPv6 address or a bare decimal/hex number used as a host.</summary>
    public static bool IsIpLiteral(string host) => host.StartsWith('[') || IpHost().IsMatch(host);

    public static bool IsLocal(string host) =>
        host is "localhost" or "127.0.0.1" or "0.0.0.0" or "[::1]" || host.EndsWith(".localhost", StringComparison.Ordinal) || host.StartsWith("127.", StringComparison.Ordinal);

    public static bool HostIs(string host, string domain) =>
        host.Equals(domain, StringComparison.OrdinalIgnoreCase)
        || (host.Length > domain.Length && host.EndsWith(domain, StringComparison.OrdinalIgnoreCase) && host[host.Length - domain.Length - 1] == '.');

    private static bool MatchesAny(string host, string[] domains)
    {
        foreach (var domain in domains)
        {
            if (HostIs(host, domain))
            {
                return true;
            }
        }

        return false;
    }

    private static (string Host, string Path) Split(string url)
    {
        var afterScheme = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var end = afterScheme;
        while (end < url.Length && url[end] is not ('/' or '?' or '#'))
        {
            end++;
        }

        var authority = url[afterScheme..end];
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        if (!authority.StartsWith('['))
        {
            var colon = authority.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                authority = authority[..colon];
            }
        }

        return (authority.TrimEnd('.').ToLowerInvariant(), url[end..]);
    }

    [GeneratedRegex(@"\b(https?|ftp)://[^\s""'<>()\[\]{}|`\\]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 500)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"^(\d{1,3}(\.\d{1,3}){3}|\d{8,10}|0x[0-9a-f]{8})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 500)]
    private static partial Regex IpHost();
}
