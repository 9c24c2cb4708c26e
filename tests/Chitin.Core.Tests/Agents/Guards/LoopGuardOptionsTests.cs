using Chitin.Core.Agents.Guards;

namespace Chitin.Core.Tests.Agents.Guards;

public sealed class LoopGuardOptionsTests
{
    [Fact]
    public void Defaults_warn_before_they_stop()
    {
        Assert.Null(LoopGuardOptions.Default.Validate());
    }

    [Theory]
    [InlineData(3, 3, "repeatedFailureNudge (3) must be below repeatedFailureStop (3)")]
    [InlineData(-1, 3, "must be 0 (off) or a positive count")]
    public void A_nudge_at_or_after_the_stop_is_refused_with_the_keys_named(int nudge, int stop, string expected)
    {
        var problem = new LoopGuardOptions { RepeatedFailureNudge = nudge, RepeatedFailureStop = stop }.Validate();

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
