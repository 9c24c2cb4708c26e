namespace Chitin.Tools.Files;

/// <summary>Structured result of edit_file.</summary>
public sealed record EditFileData(string Path, int Edits, int Replacements, int LinesAdded, int LinesRemoved, bool Created);
