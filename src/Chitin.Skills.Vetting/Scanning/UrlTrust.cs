namespace Chitin.Skills.Vetting.Scanning;

/// <summary>How far a download location can be trusted; see <see cref="Urls.Classify"/>.</summary>
internal enum UrlTrust
{
    KnownInstaller,
    UnknownHost,
    Untrusted,
}
