namespace Chitin.Core.Budgets;

public readonly record struct SpendTotal(decimal Usd, long Tokens)
{
    public static SpendTotal operator +(SpendTotal a, SpendTotal b) => new(a.Usd + b.Usd, a.Tokens + b.Tokens);

    public static SpendTotal Add(SpendTotal a, SpendTotal b) => a + b;
}
