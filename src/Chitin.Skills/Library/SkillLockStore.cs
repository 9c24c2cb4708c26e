namespace Chitin.Skills.Library;

/// <summary>
/// Reads and writes the lock file. Writes go to a temporary file that replaces the lock file in one rename, so a
/// reader or a crash never sees half a file; read-modify-write cycles hold a lock (in-process and across processes).
/// </summary>
internal sealed class SkillLockStore
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(25);

    /// <summary>The generated contract, writing quotes and non-ASCII text as they are: the file is read by people, never embedded in HTML.</summary>
    private static readonly JsonTypeInfo<SkillLockDocument> DocumentJson = (JsonTypeInfo<SkillLockDocument>)new JsonSerializerOptions(SkillLibraryJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }.GetTypeInfo(typeof(SkillLockDocument));

    private readonly string _path;
    private readonly string _mutexPath;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SkillLockStore(string path, TimeProvider time)
    {
        _path = path;
        _mutexPath = path + ".lck";
        _time = time;
    }

    public string Path => _path;

    public SkillLockDocument Read()
    {
        string json;
        try
        {
            json = File.ReadAllText(_path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new SkillLockDocument();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SkillLibraryException($"Cannot read the skills lock file '{_path}': {ex.Message} Check its permissions.", ex);
        }

        SkillLockDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, DocumentJson);
        }
        catch (JsonException ex)
        {
            throw new SkillLibraryException(
                $"The skills lock file '{_path}' is not valid JSON ({ex.Message}). Fix it by hand or move it away to start a new one; " +
                "the installed skill folders are untouched and nothing was changed.",
                ex);
        }

        if (document is null)
        {
            throw new SkillLibraryException($"The skills lock file '{_path}' is empty (null). Move it away to start a new one; nothing was changed.");
        }

        if (document.Format > SkillLockDocument.CurrentFormat)
        {
            throw new SkillLibraryException(
                $"The skills lock file '{_path}' was written by a newer Chitin (format {document.Format}; this Chitin knows up to {SkillLockDocument.CurrentFormat}). Upgrade Chitin.");
        }

        return document;
    }

    /// <summary>
    /// Runs <paramref name="change"/> on the current document under the lock and saves what it returns
    /// (nothing when it returns null). Exceptions leave the file as it was.
    /// </summary>
    public async Task<T> UpdateAsync<T>(Func<SkillLockDocument, (SkillLockDocument? Updated, T Result)> change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var mutex = await AcquireAsync(cancellationToken).ConfigureAwait(false);
            var (updated, result) = change(Read());
            if (updated is not null)
            {
                Write(updated);
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<FileStream> AcquireAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_mutexPath)!);
        var deadline = _time.GetUtcNow() + LockWait;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock on Unix and a sharing lock on Windows.
                return new FileStream(_mutexPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (_time.GetUtcNow() < deadline)
            {
                await Task.Delay(LockPoll, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new SkillLibraryException(
                    $"Another Chitin process has held the skills lock '{_mutexPath}' for over {LockWait.TotalSeconds:0} s. Wait for it to finish and try again.",
                    ex);
            }
        }
    }

    private void Write(SkillLockDocument document)
    {
        try
        {
            AtomicFileWriter.Write(_path, stream => JsonSerializer.Serialize(stream, document, DocumentJson));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SkillLibraryException($"Cannot write the skills lock file '{_path}': {ex.Message} Check free space and permissions; the previous file is intact.", ex);
        }
    }
}
