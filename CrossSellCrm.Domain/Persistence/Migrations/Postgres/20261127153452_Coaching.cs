using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CrossSellCrm.Domain.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Coaching : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PracticeCases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Difficulty = table.Column<int>(type: "integer", nullable: false),
                    World = table.Column<int>(type: "integer", nullable: false),
                    Objection = table.Column<int>(type: "integer", nullable: true),
                    Situation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    CustomerSays = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    TrainerNotes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PersonaJson = table.Column<string>(type: "text", nullable: false),
                    ReferenceJson = table.Column<string>(type: "text", nullable: false),
                    FromCustomer = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedById = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeCases_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "PracticeSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    Mode = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    HostId = table.Column<string>(type: "text", nullable: true),
                    TimeLimitSeconds = table.Column<int>(type: "integer", nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevealedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeSessions_AspNetUsers_HostId",
                        column: x => x.HostId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_PracticeSessions_PracticeCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "PracticeCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PracticeAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    TraineeId = table.Column<string>(type: "text", nullable: false),
                    PickedProductIds = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Pitch = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SecondsTaken = table.Column<int>(type: "integer", nullable: false),
                    TimedOut = table.Column<bool>(type: "boolean", nullable: false),
                    Relevance = table.Column<int>(type: "integer", nullable: false),
                    Personalisation = table.Column<int>(type: "integer", nullable: false),
                    Transparency = table.Column<int>(type: "integer", nullable: false),
                    Pressure = table.Column<int>(type: "integer", nullable: false),
                    Timing = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PracticeAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PracticeAnswers_AspNetUsers_TraineeId",
                        column: x => x.TraineeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PracticeAnswers_PracticeSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "PracticeSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PracticeAnswers_SessionId_TraineeId",
                table: "PracticeAnswers",
                columns: new[] { "SessionId", "TraineeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PracticeAnswers_TraineeId_SubmittedAt",
                table: "PracticeAnswers",
                columns: new[] { "TraineeId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PracticeCases_CreatedById",
                table: "PracticeCases",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeCases_World_Difficulty",
                table: "PracticeCases",
                columns: new[] { "World", "Difficulty" });

            migrationBuilder.CreateIndex(
                name: "IX_PracticeSessions_CaseId",
                table: "PracticeSessions",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_PracticeSessions_Code",
                table: "PracticeSessions",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PracticeSessions_HostId",
                table: "PracticeSessions",
                column: "HostId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PracticeAnswers");

            migrationBuilder.DropTable(
                name: "PracticeSessions");

            migrationBuilder.DropTable(
                name: "PracticeCases");
        }
    }
}
