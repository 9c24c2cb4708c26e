namespace Chitin.Cli.Rendering;

/// <summary>One line of <c>chitin doctor</c>. <see cref="Status"/> is ok, warn or fail.</summary>
public sealed record DoctorCheck(string Name, string Status, string Detail)
{
    public const string Ok = "ok";
    public const string Warn = "warn";
    public const string Fail = "fail";
}
