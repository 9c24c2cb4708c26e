namespace Chitin.Skills.Distill;

/// <summary>
/// "skills.autoDistill": when a run stops done, one bounded model call may draft a skill from the run's in-memory
/// transcript. Works for every front end that builds its runners through the host (run, chat, a gateway). A failure
/// is reported through <c>warn</c> and never changes the run's result.
/// </summary>
public sealed class SkillDistillStopHook(SkillDistiller distiller, Action<DistillResult> drafted, Action<string> warn) : IStopHook
{
    private readonly SkillDistiller _distiller = distiller ?? throw new ArgumentNullException(nameof(distiller));

    public async ValueTask OnStopAsync(RunStopped stop, CancellationToken cancellationToken)
    {
        try
        {
            if (await _distiller.ProposeAsync(stop, cancellationToken).ConfigureAwait(false) is { Stored: true } draft)
            {
                drafted(draft);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is ModelCallException or SkillLibraryException or HttpRequestException or InvalidOperationException or IOException)
        {
            warn($"no skill drafted from this run: {ex.Message}");
        }
    }
}
