namespace Chitin.Core.Checkpoints;

/// <summary>A turn's checkpoint as the loop holds it between <see cref="ITurnCheckpoints.BeginTurnAsync"/> and its end.</summary>
/// <param name="Id">The store's id of the checkpoint.</param>
/// <param name="Notes">Files the checkpoint could not keep (too large, unreadable), to tell the user.</param>
public sealed record TurnCheckpoint(long Id, string SessionId, string Workspace, IReadOnlyList<string> Notes);
