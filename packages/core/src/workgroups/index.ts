// Workgroups: groups and their members, posts and attachments, meetings,
// proposals, the handbook, success stories, knowledge questions, search and
// the daily or weekly digest.
export {
  type JoinRequestToDecide,
  createWorkgroup,
  decideJoinRequest,
  getWorkgroup,
  joinWorkgroup,
  listJoinRequestsToDecide,
  listWorkgroups,
} from "./workgroups";
export { type PostView, createPost, getThread, hidePost, listThreads } from "./posts";
export { MAX_FILES_PER_POST, type WorkgroupFileInput, readWorkgroupAttachment, removeWorkgroupAttachment } from "./attachments";
export { addWorkgroupMembers, leaveWorkgroup, removeWorkgroupMember, setWorkgroupMemberRole, updateWorkgroup } from "./membership";
export { digestHour, getDigestPreference, sendDueDigests, setDigestPreference } from "./digest";
export {
  addActionItem,
  addMeetingDecision,
  createMeeting,
  getMeeting,
  getWorkgroupRecord,
  listMyActionItems,
  setActionItemDone,
  updateMeeting,
} from "./meetings";
export { closeProposal, createProposal, getProposal, respondToProposal } from "./proposals";
export { searchWorkgroups, snippetParts } from "./search";
export { type HandbookOwner, diffHandbookVersions, getHandbookPage, listHandbookPages, restoreHandbookVersion, saveHandbookPage } from "./handbook";
export { createStory, deleteStory, getStory, listStories, storyFormOptions, toggleReaction, updateStory } from "./success-stories";
export { answerQuestion, askQuestion, getQuestion, listQuestions, markBestAnswer } from "./knowledge-questions";

// For neighbourhood and workbudget: texts saved in other shared places pass the
// same privacy guard (inside the saving transaction), with the same names ignored.
export { guardPersonalData, privacyIgnoreNames } from "./workgroups";
