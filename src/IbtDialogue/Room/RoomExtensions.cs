namespace IbtDialogue.Room;

public static class RoomExtensions
{
    /// <summary>The room engine: entering, presence, the snapshot, the stage, the agenda and the settings.</summary>
    public static WebApplicationBuilder AddRoom(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SharedRoomParts>();
        builder.Services.AddSingleton<RoomEngine>();
        return builder;
    }
}
