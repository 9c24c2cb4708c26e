namespace Chitin.WebUi.Pages;

/// <summary>The login form's fields.</summary>
public sealed class LoginForm
{
    public string? Token { get; set; }
}
