namespace Chitin.Platform.Files;

/// <summary>
/// One change seen by a <see cref="DirectoryJournal"/>: in the folder watched as <paramref name="Watch"/>, at the
/// entry <paramref name="Name"/>, or at the folder itself when the name is null (its attributes changed, or it was
/// deleted or moved, or its watch ended).
/// </summary>
public readonly record struct DirectoryEvent(int Watch, string? Name, bool WatchEnded);
