namespace Chitin.WebUi.Layout;

/// <summary>
/// <c>&lt;script type="module" src="/assets/{Name}?v=…"&gt;</c> for a page's ES module. Written in C# because Razor
/// refuses script tags in components (they never update in interactive modes; this UI renders statically).
/// </summary>
public sealed class ModuleScript : ComponentBase
{
    [Inject]
    private AssetCatalog Catalog { get; set; } = default!;

    /// <summary>The embedded asset, e.g. "chat.js".</summary>
    [Parameter, EditorRequired]
    public string Name { get; set; } = "";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OpenElement(0, "script");
        builder.AddAttribute(1, "type", "module");
        builder.AddAttribute(2, "src", Catalog.Url(Name));
        builder.CloseElement();
    }
}
