using Microsoft.Net.Http.Headers;

namespace Chitin.WebUi.Assets;

/// <summary><c>GET /assets/{name}</c>: an embedded asset with its ETag; immutable for a year when asked by its current hash.</summary>
internal static class AssetEndpoints
{
    public const string Prefix = "/assets";

    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet(Prefix + "/{name}", Serve);

    private static IResult Serve(HttpContext context, string name)
    {
        var asset = context.RequestServices.GetRequiredService<AssetCatalog>().Find(name);
        if (asset is null)
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = context.Request.Query["v"] == asset.Hash ? "public, max-age=31536000, immutable" : "no-cache";
        var presented = context.Request.Headers.IfNoneMatch;
        if (presented.Count > 0 && EntityTagHeaderValue.TryParseList(presented, out var tags) && tags.Any(t => t.Tag == asset.ETag || t.Equals(EntityTagHeaderValue.Any)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
