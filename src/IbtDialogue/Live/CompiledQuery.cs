using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace IbtDialogue.Live;

/// <summary>
/// An EF Core compiled query (<see cref="EF.CompileAsyncQuery{TContext, TResult}(System.Linq.Expressions.Expression{Func{TContext, TResult}})"/>)
/// for the hot paths of room commands, compiled once per model. A compiled query is bound to the model it first
/// ran with, and one process can hold two: SQLite and PostgreSQL have models of their own (the tests run both).
/// </summary>
internal sealed class CompiledQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> byModel = [];

    /// <summary>The query compiled for the model of <paramref name="db"/>.</summary>
    public TQuery For(DbContext db) => byModel.GetValue(db.Model, _ => compile());
}
