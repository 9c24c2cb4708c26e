namespace Chitin.Memory.Tools;

/// <summary>The memory tools' own argument kinds, read through the shared <see cref="ToolArguments"/>.</summary>
internal static class MemoryArgumentReaders
{
    /// <summary>An optional string field that must be one of the names of <typeparamref name="TEnum"/>, in lower case.</summary>
    public static TEnum? Choice<TEnum>(this ToolArguments arguments, string name)
        where TEnum : struct, Enum
    {
        var text = arguments.Text(name, required: false);
        if (text is null)
        {
            return null;
        }

        if (MemoryNames.TryParse<TEnum>(text, out var value))
        {
            return value;
        }

        arguments.Problem($"'{name}' must be one of {string.Join(", ", MemoryNames.All<TEnum>().Select(n => $"\"{n}\""))}, got {ToolArguments.Quote(text)}");
        return null;
    }

    /// <summary>
    /// An optional ISO 8601 date ("2026-12-31", meaning through the end of that day UTC) or date-time with offset.
    /// </summary>
    public static DateTimeOffset? Date(this ToolArguments arguments, string name)
    {
        var text = arguments.Text(name, required: false);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            return moment.ToUniversalTime();
        }

        arguments.Problem($"'{name}' must be an ISO date like \"2026-12-31\" or \"2026-12-31T18:00:00Z\", got {ToolArguments.Quote(text)}");
        return null;
    }
}
