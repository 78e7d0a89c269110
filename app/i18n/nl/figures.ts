// Figures from casework (issue 16): the team's and the city's tables, the history import, the business case.
export const figures = {
  cityTitle: "Cijfers sociale teams",
  teamTitle: "Cijfers",
};
