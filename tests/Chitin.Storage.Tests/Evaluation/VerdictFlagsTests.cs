using Chitin.Core.Evaluation;
using Chitin.Storage.Evaluation;
using Chitin.Storage.Tests.Sqlite;

namespace Chitin.Storage.Tests.Evaluation;

/// <summary>Problem flags are an enum; the verdicts table keeps the comma-joined names it always held.</summary>
public sealed class VerdictFlagsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Flags_are_stored_under_their_old_names_and_an_old_row_reads_back()
    {
        using var temp = new TempDatabase();
        var store = SqliteProviderEvaluationStore.Open(temp.Path);
        await store.SaveVerdictAsync(new EndpointVerdict { Endpoint = "new", At = T0, Flags = [ProblemFlag.NoCacheHits, ProblemFlag.TokenInflater] }, CancellationToken.None);
        RawSqlite.Scalar(temp.Path, """
            INSERT INTO endpoint_verdicts (endpoint, at, conformance, suspect, p_value, against, flags, detail)
            VALUES ('old', '2026-02-01T10:00:00.0000000Z', 0.5, 0, NULL, NULL, 'cache-liar,non-conformant,suspect', 'written before')
            """);

        var verdicts = (await store.LoadVerdictsAsync(CancellationToken.None)).ToDictionary(v => v.Endpoint);

        Assert.Equal("no-cache-hits,token-inflater", RawSqlite.Scalar(temp.Path, "SELECT flags FROM endpoint_verdicts WHERE endpoint = 'new'"));
        Assert.Equal([ProblemFlag.NoCacheHits, ProblemFlag.TokenInflater], verdicts["new"].Flags);
        Assert.Equal([ProblemFlag.CacheLiar, ProblemFlag.NonConformant, ProblemFlag.Suspect], verdicts["old"].Flags);
    }
}
