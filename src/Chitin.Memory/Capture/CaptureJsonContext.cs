namespace Chitin.Memory.Capture;

/// <summary>Source-generated JSON for the extraction answer. Unknown fields are skipped; wrong types fail.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(CaptureAnswerDto))]
internal sealed partial class CaptureJsonContext : JsonSerializerContext;
