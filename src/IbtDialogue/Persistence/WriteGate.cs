namespace IbtDialogue.Persistence;

/// <summary>
/// Lets one write transaction at a time reach SQLite, which allows a single writer: concurrent votes then
/// queue here instead of failing with "database is locked". Reads do not pass through it (WAL mode lets
/// them run beside the writer).
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            gate.Release();
        }
    }
}
