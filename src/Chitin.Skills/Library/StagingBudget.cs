namespace Chitin.Skills.Library;

/// <summary>Counts entries and bytes while staging a skill and refuses as soon as a limit is passed.</summary>
internal sealed class StagingBudget
{
    private readonly SkillLibraryOptions _limits;
    private readonly string _source;
    private int _entries;
    private long _bytes;

    public StagingBudget(SkillLibraryOptions limits, string source)
    {
        _limits = limits;
        _source = source;
    }

    public void AddEntry(string relativePath)
    {
        if (++_entries > _limits.MaxEntries)
        {
            throw new SkillSourceException(
                $"'{_source}' holds more than {_limits.MaxEntries} files and folders (at '{relativePath}'). A skill is a small folder; remove what it does not need.");
        }
    }

    public void AddFile(string relativePath, long bytes)
    {
        if (bytes > _limits.MaxFileBytes)
        {
            throw new SkillSourceException(
                $"'{relativePath}' in '{_source}' is {bytes:N0} bytes; the limit for one file is {_limits.MaxFileBytes:N0} bytes. Remove it or ship it separately.");
        }

        _bytes += bytes;
        if (_bytes > _limits.MaxTotalBytes)
        {
            throw new SkillSourceException(
                $"'{_source}' is larger than {_limits.MaxTotalBytes:N0} bytes in total (at '{relativePath}'). A skill is a small folder; remove what it does not need.");
        }
    }
}
