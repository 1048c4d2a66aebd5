/** dualtape tape module (work in progress). */
package org.dualtape.tape;
