// Each scenario starts a Node suite process and one or more chitin processes; running them one at a time keeps the
// suite's own timing checks (SSE retry) meaningful on a loaded two-core machine.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
