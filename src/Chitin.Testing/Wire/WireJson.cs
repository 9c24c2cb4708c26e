namespace Chitin.Testing.Wire;

/// <summary>Writer settings shared by every response: compact UTF-8 like the real APIs, no HTML escaping.</summary>
internal static class WireJson
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    public static readonly JsonDocumentOptions ReaderOptions = new() { MaxDepth = 256 };
}
