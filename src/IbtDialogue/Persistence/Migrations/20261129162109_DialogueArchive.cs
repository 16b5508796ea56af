using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbtDialogue.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DialogueArchive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ArchivedAt",
                table: "Dialogues",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ArchivedAt",
                table: "Dialogues");
        }
    }
}
