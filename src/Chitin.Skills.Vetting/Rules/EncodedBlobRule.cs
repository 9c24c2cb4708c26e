namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Base64 and hex runs. A run that decodes to a command, URL or secret-touching code blocks wherever it appears
/// (also split over string concatenations, and once more if the decoded text is itself encoded). A long opaque blob
/// (200+ characters) that is not a data URI, key or integrity hash warns. Short test data such as "aGVsbG8=" is fine.
/// </summary>
internal sealed class EncodedBlobRule() : VetRule(
    "obfusc.encoded-payload", FindingSeverity.Block, "Base64 or hex runs that decode to commands or URLs (block), or long opaque blobs (warning).")
{
    private const int OpaqueRun = 200;
    private static readonly string[] InnocentPrefixes = ["data:", "ssh-rsa", "ssh-ed25519", "ecdsa-sha2", "sha512-", "sha384-", "sha256-", "integrity", "BEGIN CERTIFICATE", "BEGIN PUBLIC KEY", "base64,"];

    public override void Check(SkillScan scan, FindingSink sink)
    {
        foreach (var file in scan.TextFiles)
        {
            var lockFile = file.RelativePath.EndsWith(".lock", StringComparison.OrdinalIgnoreCase) || file.RelativePath.EndsWith("-lock.json", StringComparison.OrdinalIgnoreCase) || file.RelativePath.EndsWith(".svg", StringComparison.OrdinalIgnoreCase);
            foreach (var unit in file.Units)
            {
                CheckUnit(file, unit, sink, lockFile);
            }
        }
    }

    private void CheckUnit(VetFile file, TextUnit unit, FindingSink sink, bool lockFile)
    {
        var code = unit.Code;
        foreach (var (start, length) in Base64Runs(code))
        {
            if (length < DecodedPayloads.MinimumRun)
            {
                continue;
            }

            var run = code.AsSpan(start, length);
            var decoded = Decode(run, depth: 0);
            if (decoded is not null && DecodedPayloads.LooksDangerous(decoded))
            {
                sink.Add(file, unit.LineOfCode(start), Id, FindingSeverity.Block,
                    $"Contains encoded text that decodes to a command or URL ('{Preview(decoded)}'). Hiding what a skill does is itself a red flag; remove it or write it in plain text.",
                    run[..Math.Min(20, run.Length)].ToString(), contextual: false);
                return;
            }

            if (run.Length >= OpaqueRun && !lockFile && !IsInnocent(code, start) && (DecodedPayloads.LooksLikeBase64(run) || DecodedPayloads.IsHexRun(run)))
            {
                sink.Add(file, unit.LineOfCode(start), "obfusc.encoded-blob", FindingSeverity.Warning,
                    $"Contains a {run.Length}-character encoded blob that cannot be read. Ship readable text, or explain what the data is.",
                    run[..20].ToString(), contextual: false);
                return;
            }
        }
    }

    private static string? Decode(ReadOnlySpan<char> run, int depth)
    {
        string? decoded = null;
        if (DecodedPayloads.IsHexRun(run) && run.Length >= 32)
        {
            decoded = DecodedPayloads.TryHex(run);
        }

        if (decoded is null && DecodedPayloads.LooksLikeBase64(run))
        {
            decoded = DecodedPayloads.TryBase64(run);
        }

        if (decoded is null || depth >= 1)
        {
            return decoded;
        }

        // One more level: "echo <b64 of 'echo <b64> | base64 -d | sh'> | base64 -d | sh".
        var inner = LongestRun(decoded);
        if (inner.Length >= DecodedPayloads.MinimumRun && Decode(inner, depth + 1) is { } nested)
        {
            return decoded + "\n" + nested;
        }

        return decoded;
    }

    /// <summary>The first of the longest base64-alphabet runs of <paramref name="text"/>; empty when it has none.</summary>
    private static ReadOnlySpan<char> LongestRun(string text)
    {
        var (start, length) = Base64Runs(text).DefaultIfEmpty().MaxBy(r => r.Length);
        return text.AsSpan(start, length);
    }

    /// <summary>Every maximal run of base64-alphabet characters in <paramref name="text"/>, in order.</summary>
    private static IEnumerable<(int Start, int Length)> Base64Runs(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!DecodedPayloads.IsBase64Char(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && DecodedPayloads.IsBase64Char(text[i]))
            {
                i++;
            }

            yield return (start, i - start);
        }
    }

    private static bool IsInnocent(string code, int start)
    {
        var before = code.AsSpan(Math.Max(0, start - 40), Math.Min(40, start));
        foreach (var prefix in InnocentPrefixes)
        {
            if (before.Contains(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Preview(string decoded)
    {
        var flat = decoded.ReplaceLineEndings(" ").Trim();
        return flat.Length > 60 ? flat[..60] + "…" : flat;
    }
}
