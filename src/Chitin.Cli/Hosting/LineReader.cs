namespace Chitin.Cli.Hosting;

/// <summary>
/// Reads lines from a blocking <see cref="TextReader"/> (the console) with cancellation. A read that was
/// cancelled keeps running and its line goes to the next caller, so no input is lost or read twice.
/// </summary>
public sealed class LineReader(TextReader input)
{
    private readonly Lock _gate = new();
    private Task<string?>? _pending;

    /// <summary>The next line, or null at end of input.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        Task<string?> read;
        lock (_gate)
        {
            read = _pending ??= Task.Run(input.ReadLine, CancellationToken.None);
        }

        var line = await read.WaitAsync(cancellationToken);
        lock (_gate)
        {
            if (ReferenceEquals(_pending, read))
            {
                _pending = null;
            }
        }

        return line;
    }
}
