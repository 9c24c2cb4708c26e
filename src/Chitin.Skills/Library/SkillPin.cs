namespace Chitin.Skills.Library;

/// <summary>
/// What the library pinned for one installed skill: the content hash the verdict and the user's approval belong to.
/// A skill whose current hash differs must go through <see cref="SkillLibrary.VerifyAsync(string, CancellationToken)"/> before use.
/// </summary>
public sealed record SkillPin(string Name, string Directory, string ContentHash, VetVerdict Verdict, bool WarningsApproved);
