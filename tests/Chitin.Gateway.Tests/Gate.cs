using Chitin.Testing.Scripting;

namespace Chitin.Gateway.Tests;

/// <summary>
/// A scripted model whose answer to a chosen prompt waits until the test opens the gate, so a test can act while a
/// turn is provably in flight. <see cref="Reached"/> completes when that request has arrived.
/// </summary>
public sealed class Gate : IDisposable
{
    private readonly ManualResetEventSlim _open = new();
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public Gate(string blockedPrompt)
    {
        Script = ModelScript.FromResponder(request =>
        {
            Interlocked.Increment(ref _arrived);
            var prompt = request.LastUserText ?? "";
            if (prompt == blockedPrompt)
            {
                _reached.TrySetResult();
                _open.Wait(TimeSpan.FromSeconds(60));
            }

            return ScriptStep.Text("answer to " + prompt);
        });
    }

    public ModelScript Script { get; }

    public Task Reached => _reached.Task;

    /// <summary>How many model requests have arrived, answered or not.</summary>
    public int Arrived => Volatile.Read(ref _arrived);

    public void Open() => _open.Set();

    public void Dispose()
    {
        _open.Set();
        _open.Dispose();
    }
}
