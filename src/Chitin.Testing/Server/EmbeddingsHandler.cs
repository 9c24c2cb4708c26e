namespace Chitin.Testing.Server;

/// <summary>
/// OpenAI <c>POST /v1/embeddings</c>: deterministic vectors derived from the input text (hashed lowercase words,
/// L2-normalised), so texts sharing words are close. <c>input</c> is a string or an array of strings;
/// <c>encoding_format</c> "float" (default) or "base64"; <c>dimensions</c> defaults to <see cref="DefaultDimensions"/>.
/// </summary>
internal sealed class EmbeddingsHandler(RequestRecorder recorder)
{
    public const int DefaultDimensions = 64;

    private const int MaxDimensions = 4096;

    public async Task HandleAsync(IncomingExchange exchange)
    {
        string model;
        List<string> inputs;
        bool base64;
        int dimensions;
        try
        {
            (model, inputs, base64, dimensions) = Parse(exchange.Body);
        }
        catch (Exception exception) when (exception is RequestParseException or JsonException)
        {
            recorder.Add(exchange.ToRecord(OpenAIDialect.Instance, StatusCodes.Status400BadRequest));
            var requestId = WireIds.Make("req_", exchange.Index, 0);
            await HttpResponses.WriteErrorAsync(exchange.Context, OpenAIDialect.Instance, StatusCodes.Status400BadRequest, $"scripted model: {exception.Message}", requestId);
            return;
        }

        recorder.Add(exchange.ToRecord(OpenAIDialect.Instance, StatusCodes.Status200OK));
        var body = HttpResponses.Serialize((model, inputs, base64, dimensions), static (json, request) => Write(json, request.model, request.inputs, request.base64, request.dimensions));
        await HttpResponses.WriteJsonAsync(exchange.Context.Response, StatusCodes.Status200OK, body, exchange.Context.RequestAborted);
    }

    /// <summary>The vector the server returns for <paramref name="text"/>.</summary>
    public static float[] Vector(string text, int dimensions)
    {
        var vector = new float[dimensions];
        foreach (var word in Words(text))
        {
            // FNV-1a: stable across processes, unlike string.GetHashCode.
            var hash = 2166136261u;
            foreach (var c in word)
            {
                hash = (hash ^ c) * 16777619u;
            }

            vector[hash % (uint)dimensions] += (hash & 0x8000_0000) == 0 ? 1f : -1f;
        }

        var length = MathF.Sqrt(vector.Sum(v => v * v));
        if (length > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= length;
            }
        }

        return vector;
    }

    private static List<string> Words(string text) => [.. PlainText.Words(text.ToLowerInvariant())];

    private static (string Model, List<string> Inputs, bool Base64, int Dimensions) Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body, WireJson.ReaderOptions);
        var root = document.RootElement;
        JsonRead.RequireObject(root, "request body");
        var model = JsonRead.RequiredString(root, "model", "");
        var inputs = new List<string>();
        if (!root.TryGetProperty("input", out var input))
        {
            throw new RequestParseException("input is required: a string or an array of strings");
        }

        if (input.ValueKind == JsonValueKind.String)
        {
            inputs.Add(input.GetString()!);
        }
        else if (input.ValueKind == JsonValueKind.Array && input.GetArrayLength() > 0 && input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
        {
            inputs.AddRange(input.EnumerateArray().Select(e => e.GetString()!));
        }
        else
        {
            throw new RequestParseException("input must be a string or a non-empty array of strings (token arrays are not supported here)");
        }

        if (inputs.Any(string.IsNullOrEmpty))
        {
            throw new RequestParseException("input must not contain empty strings");
        }

        var format = JsonRead.OptionalString(root, "encoding_format", "") ?? "float";
        if (format is not ("float" or "base64"))
        {
            throw new RequestParseException($"encoding_format must be \"float\" or \"base64\", got \"{format}\"");
        }

        var dimensions = DefaultDimensions;
        if (root.TryGetProperty("dimensions", out var requested) && requested.ValueKind != JsonValueKind.Null
            && (!requested.TryGetInt32(out dimensions) || dimensions is < 1 or > MaxDimensions))
        {
            throw new RequestParseException($"dimensions must be an integer from 1 to {MaxDimensions}");
        }

        return (model, inputs, format == "base64", dimensions);
    }

    private static void Write(Utf8JsonWriter json, string model, List<string> inputs, bool base64, int dimensions)
    {
        json.WriteStartObject();
        json.WriteString("object", "list");
        json.WriteStartArray("data");
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = Vector(inputs[i], dimensions);
            json.WriteStartObject();
            json.WriteString("object", "embedding");
            json.WriteNumber("index", i);
            if (base64)
            {
                json.WriteString("embedding", Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())));
            }
            else
            {
                json.WriteStartArray("embedding");
                foreach (var value in vector)
                {
                    json.WriteNumberValue(value);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("model", model);
        var tokens = inputs.Sum(text => Math.Max(1, Words(text).Count));
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", tokens);
        json.WriteNumber("total_tokens", tokens);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
