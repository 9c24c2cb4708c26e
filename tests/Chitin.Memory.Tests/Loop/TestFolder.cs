namespace Chitin.Memory.Tests.Loop;

/// <summary>A temp folder per test, removed afterwards.</summary>
internal sealed class TestFolder : IDisposable
{
    public TestFolder()
    {
        Path = Directory.CreateTempSubdirectory("chitin-memory-").FullName;
    }

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, "chitin.db");

    public string Sub(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the OS temp cleaner takes it.
        }
    }
}
