namespace Chitin.Providers.Routing;

/// <summary>
/// The model id a routed response carries: <c>model@endpoint</c>. The loop meters by it, so usage rows name the
/// endpoint that served the call and are priced with that endpoint's prices (the host registers them under this id).
/// </summary>
public static class RoutedModelId
{
    public static string Format(string model, string endpoint) => $"{model}@{endpoint}";

    public static bool TryParse(string? modelId, out string model, out string endpoint)
    {
        int at = modelId?.LastIndexOf('@') ?? -1;
        if (modelId is null || at <= 0 || at == modelId.Length - 1)
        {
            model = modelId ?? "";
            endpoint = "";
            return false;
        }

        model = modelId[..at];
        endpoint = modelId[(at + 1)..];
        return true;
    }
}
