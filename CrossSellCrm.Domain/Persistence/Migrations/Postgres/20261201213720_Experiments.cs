using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CrossSellCrm.Domain.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Experiments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExperimentArm",
                table: "OfferPresentations",
                type: "character varying(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ExperimentId",
                table: "OfferPresentations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StrategyVersion",
                table: "OfferPresentations",
                type: "character varying(80)",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "BundleDiscountPercent",
                table: "EngineTunings",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SameCategoryPenalty",
                table: "EngineTunings",
                type: "double precision",
                nullable: false,
                defaultValue: 0.9); // existing tunings keep the engine default

            migrationBuilder.AddColumn<int>(
                name: "TalkingPointStyle",
                table: "EngineTunings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "UseModel",
                table: "EngineTunings",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "Experiments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Hypothesis = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Change = table.Column<int>(type: "integer", nullable: false),
                    SegmentId = table.Column<int>(type: "integer", nullable: true),
                    Channels = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PrimaryMetric = table.Column<int>(type: "integer", nullable: false),
                    WindowDays = table.Column<int>(type: "integer", nullable: false),
                    Baseline = table.Column<double>(type: "double precision", nullable: false),
                    MinimumEffect = table.Column<double>(type: "double precision", nullable: false),
                    BaselineDeviation = table.Column<double>(type: "double precision", nullable: false),
                    Power = table.Column<double>(type: "double precision", nullable: false),
                    Alpha = table.Column<double>(type: "double precision", nullable: false),
                    PlannedCustomers = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Salt = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PromotedArm = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Experiments", x => x.Id);
                    table.CheckConstraint("CK_Experiments_WindowDays", "\"WindowDays\" >= 1 AND \"WindowDays\" <= 90");
                    table.ForeignKey(
                        name: "FK_Experiments_Segments_SegmentId",
                        column: x => x.SegmentId,
                        principalTable: "Segments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExperimentArms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExperimentId = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    SharePercent = table.Column<int>(type: "integer", nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExperimentArms", x => x.Id);
                    table.CheckConstraint("CK_ExperimentArms_Share", "\"SharePercent\" >= 1 AND \"SharePercent\" <= 99");
                    table.ForeignKey(
                        name: "FK_ExperimentArms_Experiments_ExperimentId",
                        column: x => x.ExperimentId,
                        principalTable: "Experiments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExperimentExposures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExperimentId = table.Column<int>(type: "integer", nullable: false),
                    CustomerId = table.Column<int>(type: "integer", nullable: false),
                    Arm = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    ExposedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StrategyVersion = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExperimentExposures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExperimentExposures_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ExperimentExposures_Experiments_ExperimentId",
                        column: x => x.ExperimentId,
                        principalTable: "Experiments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OfferPresentations_ExperimentId_ExperimentArm",
                table: "OfferPresentations",
                columns: new[] { "ExperimentId", "ExperimentArm" });

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentArms_ExperimentId_Key",
                table: "ExperimentArms",
                columns: new[] { "ExperimentId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentExposures_CustomerId",
                table: "ExperimentExposures",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_ExperimentExposures_ExperimentId_CustomerId",
                table: "ExperimentExposures",
                columns: new[] { "ExperimentId", "CustomerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Experiments_SegmentId",
                table: "Experiments",
                column: "SegmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Experiments_Status",
                table: "Experiments",
                column: "Status");

            migrationBuilder.AddForeignKey(
                name: "FK_OfferPresentations_Experiments_ExperimentId",
                table: "OfferPresentations",
                column: "ExperimentId",
                principalTable: "Experiments",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_OfferPresentations_Experiments_ExperimentId",
                table: "OfferPresentations");

            migrationBuilder.DropTable(
                name: "ExperimentArms");

            migrationBuilder.DropTable(
                name: "ExperimentExposures");

            migrationBuilder.DropTable(
                name: "Experiments");

            migrationBuilder.DropIndex(
                name: "IX_OfferPresentations_ExperimentId_ExperimentArm",
                table: "OfferPresentations");

            migrationBuilder.DropColumn(
                name: "ExperimentArm",
                table: "OfferPresentations");

            migrationBuilder.DropColumn(
                name: "ExperimentId",
                table: "OfferPresentations");

            migrationBuilder.DropColumn(
                name: "StrategyVersion",
                table: "OfferPresentations");

            migrationBuilder.DropColumn(
                name: "BundleDiscountPercent",
                table: "EngineTunings");

            migrationBuilder.DropColumn(
                name: "SameCategoryPenalty",
                table: "EngineTunings");

            migrationBuilder.DropColumn(
                name: "TalkingPointStyle",
                table: "EngineTunings");

            migrationBuilder.DropColumn(
                name: "UseModel",
                table: "EngineTunings");
        }
    }
}
