namespace Chitin.Storage.Checkpoints;

public enum FileChangeKind
{
    Created,
    Modified,
    Deleted,
}
