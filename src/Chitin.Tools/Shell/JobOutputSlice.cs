namespace Chitin.Tools.Shell;

/// <summary>Part of a job's output: absolute offsets [From, Next), and how many requested characters were already dropped.</summary>
internal sealed record JobOutputSlice(string Text, long From, long Next, long Dropped);
