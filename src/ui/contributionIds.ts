/** The manifest's view and panel ids, in a file of their own: the entry names them without loading the product. */
export const TREE_VIEW_ID = 'timelineViewer.timeline';
export const ACTIVITY_VIEW_ID = 'timelineViewer.activity';
export const EVENT_PANEL_TYPE = 'timelineViewer.event';
