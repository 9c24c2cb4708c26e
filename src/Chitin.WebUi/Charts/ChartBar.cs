namespace Chitin.WebUi.Charts;

/// <summary>One bar: its label, its length and the text shown for it (the formatted value).</summary>
public sealed record ChartBar(string Label, double Value, string Display);
