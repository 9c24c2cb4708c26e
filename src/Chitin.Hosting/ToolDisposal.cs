namespace Chitin.Hosting;

/// <summary>Some tools own resources: run_shell kills its background jobs, web_fetch closes connections.</summary>
public static class ToolDisposal
{
    public static async Task DisposeAllAsync(IEnumerable<ITool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        foreach (var tool in tools)
        {
            switch (tool)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
