namespace Chitin.Hosting;

/// <summary>Opens the session and usage database under CHITIN_HOME, creating the folder on first use.</summary>
public static class StoreOpener
{
    public static async Task<SqliteChitinStore> OpenAsync(ChitinPaths paths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        try
        {
            OwnerOnly.CreateDirectory(paths.Home);
            return await SqliteChitinStore.OpenAsync(paths.DatabaseFile, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"cannot open the database {paths.DatabaseFile}: {ex.Message} (set CHITIN_HOME to a writable folder)", ex);
        }
        catch (DatabaseException ex)
        {
            throw new StoreUnavailableException($"cannot open the database {paths.DatabaseFile}: {ex.Message}", ex);
        }
    }
}
