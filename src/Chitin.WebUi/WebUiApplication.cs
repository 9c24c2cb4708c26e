namespace Chitin.WebUi;

/// <summary>
/// Plugs the web UI into a host: <see cref="AddChitinWebUi"/> registers its services, <see cref="MapChitinWebUi"/>
/// (after <c>UseRouting</c>) adds antiforgery, the security headers and the pages and assets.
/// </summary>
public static class WebUiApplication
{
    public static IServiceCollection AddChitinWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "chitin_af";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddSingleton<AssetCatalog>();
        return services;
    }

    public static WebApplication MapChitinWebUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAntiforgery();
        app.Use(static (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<WebUiMarker>() is not null || WebUiGate.IsPublic(context.Request.Path))
            {
                SecurityHeaders.Apply(context.Response);
            }

            return next(context);
        });

        var ui = app.MapGroup("").WithMetadata(WebUiMarker.Instance);
        AssetEndpoints.Map(ui);
        SessionEndpoints.Map(ui);
        ui.MapPost("/logout", static async context =>
        {
            if (!await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            WebSessionCookie.Clear(context);
            context.Response.Redirect(WebUiGate.LoginPath);
        });
        ui.MapGet("/", static () => Results.Redirect("/chat"));
        ui.MapRazorComponents<App>();
        return app;
    }
}
