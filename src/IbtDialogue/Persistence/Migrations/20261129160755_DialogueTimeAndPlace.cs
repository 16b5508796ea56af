using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IbtDialogue.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DialogueTimeAndPlace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<TimeOnly>(
                name: "EndTime",
                table: "Dialogues",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Place",
                table: "Dialogues",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "StartTime",
                table: "Dialogues",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EndTime",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "Place",
                table: "Dialogues");

            migrationBuilder.DropColumn(
                name: "StartTime",
                table: "Dialogues");
        }
    }
}
