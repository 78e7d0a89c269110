// Tasks: "Mijn taken", what waits for the signed-in person per role (issue 17; docs/my-tasks.md).
export {
  type AdminTasks,
  type ControllerTasks,
  LIST_LIMIT,
  MISSING_WEEKS_BACK,
  type MyTasks,
  type PartnerTasks,
  type SpendTask,
  type TaskList,
  type TasksPerson,
  type TeamTasks,
  hasTasks,
  myTasks,
} from "./my-tasks";
