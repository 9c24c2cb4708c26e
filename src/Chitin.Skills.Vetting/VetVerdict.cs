namespace Chitin.Skills.Vetting;

/// <summary>The outcome of vetting. <c>chitin skills vet</c> exits 0, 1 and 4 for these.</summary>
public enum VetVerdict
{
    Pass,
    Warn,
    Block,
}
