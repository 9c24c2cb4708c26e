namespace Chitin.Tools.Files;

/// <summary>One exact-text replacement requested by edit_file.</summary>
internal sealed record TextEdit(string Old, string New, bool ReplaceAll);
