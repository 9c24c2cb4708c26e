namespace Chitin.WebUi.Settings;

/// <summary>One line of the configuration view: a setting, its (masked) value and where it came from.</summary>
public sealed record ConfigRow(string Key, string Value, string Source);
