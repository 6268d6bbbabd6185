window.CMS_MANUAL_INIT = true; // read by decap-cms.js, which loads next: kim-cms.js starts it
