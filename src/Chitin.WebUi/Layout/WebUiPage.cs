namespace Chitin.WebUi.Layout;

/// <summary>One entry of the navigation.</summary>
public sealed record WebUiPage(string Path, string Title);
