using System.Collections.Concurrent;
using Chitin.Testing.Scripting;

namespace Chitin.Gateway.Tests;

/// <summary>
/// A scripted model ("answer to &lt;prompt&gt;") whose answers to chosen prompts wait until the test opens their gate,
/// so a test can act while several turns are provably in flight.
/// </summary>
public sealed class PromptGates : IDisposable
{
    private readonly ConcurrentDictionary<string, (TaskCompletionSource Reached, ManualResetEventSlim Open)> _gates = new(StringComparer.Ordinal);
    private int _arrived;

    public PromptGates(params string[] held)
    {
        foreach (var prompt in held)
        {
            _gates[prompt] = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new ManualResetEventSlim());
        }

        Script = ModelScript.FromResponder(request =>
        {
            Interlocked.Increment(ref _arrived);
            var prompt = request.LastUserText ?? "";
            if (_gates.TryGetValue(prompt, out var gate))
            {
                gate.Reached.TrySetResult();
                gate.Open.Wait(TimeSpan.FromSeconds(60));
            }

            return ScriptStep.Text("answer to " + prompt);
        });
    }

    public ModelScript Script { get; }

    /// <summary>How many model requests have arrived, answered or not (the server records a request once answered).</summary>
    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>Completes when the model request for <paramref name="prompt"/> has arrived (and is held).</summary>
    public Task Reached(string prompt) => _gates[prompt].Reached.Task;

    public void Open(string prompt) => _gates[prompt].Open.Set();

    public void Dispose()
    {
        foreach (var (_, open) in _gates.Values)
        {
            open.Set();
            open.Dispose();
        }
    }
}
