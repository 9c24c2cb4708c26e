namespace Chitin.Cli.Rendering;

/// <summary>The people's view of a <see cref="ContextReport"/>: a table of layers and the window and cache lines.</summary>
public static class ContextReportView
{
    private const int DetailChars = 70;

    public static void Write(StyledWriter output, ContextReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        output.Line(Markup.Escape($"session {report.SessionId}{(report.Model is null ? "" : " · model " + report.Model)} · what the next model call sends"));
        var rows = report.Layers
            .Select(l => (IReadOnlyList<string>)[l.Name, l.Items.ToString(CultureInfo.InvariantCulture), Units.Tokens(l.Tokens), Units.OneLine(l.Detail, DetailChars)])
            .Append(["total", "", Units.Tokens(report.TotalTokens), ""]);
        output.Table(["layer", "items", "tokens", "detail"], rows, 1, 2);
        output.Line(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"window {Units.Tokens(report.WindowTokens)} tokens · {Units.Percent(report.WindowShare)} used · compaction starts at {Units.Percent(report.CompactAtShare)}")));
        var cachedShare = report.TotalTokens == 0 ? 0 : (double)report.ExpectedCachedTokens / report.TotalTokens;
        output.Line(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"expected cached {Units.Tokens(report.ExpectedCachedTokens)} tokens ({Units.Percent(cachedShare)}) · new since the last model call: {report.NewMessages} messages, {Units.Tokens(report.NewTokens)} tokens")));
    }
}
